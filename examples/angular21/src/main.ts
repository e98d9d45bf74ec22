import { bootstrapApplication } from '@angular/platform-browser';
// Registers the ov-* elements before the app starts, so [tokenProvider] lands on an element that has the property.
import 'openvidu-elements/define.js';
import { appConfig } from './app/app.config';
import { App } from './app/app';

bootstrapApplication(App, appConfig).catch((error) => console.error(error));

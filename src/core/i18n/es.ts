/** Spanish messages. Typed as a full catalog, so a key added to en.ts and not translated here fails to compile. */
import type { Catalog } from './en.js';

export const es: Catalog = {
  'room.join': 'Unirse',
  'room.joinTitle': 'Unirse a "{session}"',
  'room.nameLabel': 'Tu nombre',
  'room.joining': 'Uniéndote a "{session}"…',
  'room.reconnecting': 'Se perdió la conexión. Reconectando…',
  'room.left': 'Has salido de la reunión.',
  'room.leftReason.networkDisconnect': 'Se perdió la conexión con la reunión.',
  'room.leftReason.forceDisconnectByUser': 'Un moderador te ha expulsado de la reunión.',
  'room.leftReason.forceDisconnectByServer': 'El servidor te ha expulsado de la reunión.',
  'room.leftReason.sessionClosedByServer': 'La reunión ha terminado.',
  'room.rejoin': 'Volver a unirse',
  'room.retry': 'Reintentar',
  'room.errorTitle': 'No se pudo entrar en la reunión',
  'room.dismiss': 'Cerrar',
  'room.toolbar': 'Controles de la reunión',
  'room.microphone': 'Micrófono',
  'room.camera': 'Cámara',
  'room.leave': 'Salir',
  'room.participants': 'Participantes',
  'room.announce.joined': 'Te has unido a "{session}".',
  'room.announce.participantJoined': '{name} se ha unido.',
  'room.announce.participantLeft': '{name} ha salido.',
  'participant.you': '{name} (tú)',
  'participant.anonymous': 'Invitado',
  'participant.micOff': 'micrófono apagado',
  'participant.cameraOff': 'cámara apagada',
  'video.play': 'Reproducir vídeo y sonido',

  'error.NO_TOKEN_SOURCE.message': 'La sala no tiene forma de obtener un token.',
  'error.NO_TOKEN_SOURCE.remedy':
    'Pon en el atributo token-url la dirección de tu servidor de aplicación (para los servidores de los tutoriales de OpenVidu, "http://localhost:5000/api"), indica un token o asigna una función a la propiedad tokenProvider.',
  'error.NO_SESSION_ID.message': 'La sala no tiene id de sesión.',
  'error.NO_SESSION_ID.remedy': 'Indica el atributo session-id, por ejemplo session-id="daily-standup".',
  'error.TOKEN_ENDPOINT_UNREACHABLE.message': 'No se pudo contactar con el endpoint de tokens {url}.',
  'error.TOKEN_ENDPOINT_UNREACHABLE.remedy':
    'Comprueba que tu servidor de aplicación está en marcha en esa dirección. Si lo está, debe permitir peticiones desde {origin}: responde con la cabecera "Access-Control-Allow-Origin: {origin}" (los navegadores informan de una cabecera CORS ausente como un fallo de red). Con HTTPS y un certificado autofirmado, abre {url} una vez en una pestaña y acepta el certificado.',
  'error.TOKEN_ENDPOINT_BLOCKED_MIXED_CONTENT.message':
    'Esta página se sirve por HTTPS, pero el endpoint de tokens {url} usa HTTP sin cifrar, así que el navegador lo bloquea.',
  'error.TOKEN_ENDPOINT_BLOCKED_MIXED_CONTENT.remedy': 'Sirve tu servidor de aplicación por HTTPS y usa un token-url https://.',
  'error.TOKEN_ENDPOINT_HTTP_ERROR.message': 'El endpoint de tokens {url} respondió HTTP {status}: {serverMessage}',
  'error.TOKEN_ENDPOINT_HTTP_ERROR.remedy':
    'Mira el registro de tu servidor de aplicación para esta petición. Un 401 o 403 suele indicar que la petición necesita credenciales (usa tokenRequestInit); un 404, un token-url o token-convention incorrectos; un 5xx, un fallo dentro del servidor (¿puede llegar a OpenVidu?, ¿es correcto su OPENVIDU_SECRET?).',
  'error.TOKEN_ANSWER_WITHOUT_TOKEN.message': 'El endpoint de tokens {url} respondió, pero su respuesta no contiene ningún token: "{answer}".',
  'error.TOKEN_ANSWER_WITHOUT_TOKEN.remedy':
    'El endpoint debe devolver el token como texto plano, como cadena JSON o como JSON con un campo "token" (o "camera" y "screen"). Comprueba que token-url y token-convention corresponden a tu servidor.',
  'error.TOKEN_PROVIDER_FAILED.message': 'La función tokenProvider falló: {reason}',
  'error.TOKEN_PROVIDER_FAILED.remedy':
    'Corrige la función asignada a la propiedad tokenProvider; debe resolverse con un token o con los tokens {camera, screen}.',
  'error.TOKEN_NOT_OPENVIDU.message': 'El token "{token}" no es un token de OpenVidu 2.',
  'error.TOKEN_NOT_OPENVIDU.remedy':
    'Un token de OpenVidu 2 es una URL que empieza por wss:// (o ws://) creada por openvidu-server, como "wss://openvidu.example.com?sessionId=…&token=tok_…". Dale a la sala ese token, no un id de sesión ni un id propio.',
  'error.TOKEN_IS_OPENVIDU_3.message': 'El token es de OpenVidu 3 (LiveKit), pero openvidu-elements habla OpenVidu 2.',
  'error.TOKEN_IS_OPENVIDU_3.remedy': 'Apunta la sala a un despliegue de OpenVidu 2 o usa un cliente de LiveKit con OpenVidu 3.',
  'error.TOKEN_ALREADY_USED.message': 'El token que recibió la sala ya se usó en su entrada anterior, y los tokens de OpenVidu solo sirven una vez.',
  'error.TOKEN_ALREADY_USED.remedy': 'Da a la sala un token nuevo (vuelve a fijar su atributo token), o un token-url o tokenProvider para que consiga uno por sí misma.',
  'error.SERVER_UNREACHABLE.message': 'No se pudo conectar con el servidor de OpenVidu en {server}.',
  'error.SERVER_UNREACHABLE.remedy':
    'Comprueba que el despliegue de OpenVidu está en marcha y que su puerto es accesible desde este navegador. Con un certificado autofirmado o no fiable, abre {httpServer} una vez en una pestaña y acéptalo; cada navegador decide por su cuenta.',
  'error.TOKEN_REJECTED.message': 'El servidor de OpenVidu rechazó el token: {reason}',
  'error.TOKEN_REJECTED.remedy':
    'Los tokens de OpenVidu solo sirven una vez. Pide un token nuevo para cada entrada (una recarga que reutiliza un token antiguo falla) y comprueba que pertenece a este despliegue.',
  'error.CONNECTION_FAILED.message': 'No se pudo entrar en la sesión: {reason}',
  'error.CONNECTION_FAILED.remedy': 'Inténtalo de nuevo. Si sigue fallando, mira el registro del servidor de OpenVidu.',
  'error.CONNECTION_LOST.message': 'Se perdió la conexión con el servidor de OpenVidu y no se pudo recuperar en {seconds} segundos.',
  'error.CONNECTION_LOST.remedy': 'Comprueba tu conexión de red y vuelve a unirte.',
  'error.EVICTED.message': 'Ya no estás en la reunión: {reason}.',
  'error.EVICTED.remedy': 'Vuelve a unirte si tienes permiso.',
  'error.DEVICE_ACCESS_DENIED.message': 'El navegador no permitió el acceso a la cámara o al micrófono.',
  'error.DEVICE_ACCESS_DENIED.remedy':
    'Permite la cámara y el micrófono para este sitio (el icono de la barra de direcciones) y vuelve a unirte. Hasta entonces, los demás no te verán ni te oirán.',
  'error.DEVICE_NOT_FOUND.message': 'No se encontró ninguna cámara ni micrófono.',
  'error.DEVICE_NOT_FOUND.remedy': 'Conecta una cámara o un micrófono, o comprueba que el sistema operativo permite al navegador usarlos.',
  'error.DEVICE_IN_USE.message': 'Otra aplicación está usando la cámara o el micrófono.',
  'error.DEVICE_IN_USE.remedy': 'Cierra la otra aplicación o pestaña que lo está usando y vuelve a unirte.',
  'error.INSECURE_CONTEXT.message': 'La cámara y el micrófono necesitan una página segura, y esta página se sirve por HTTP sin cifrar.',
  'error.INSECURE_CONTEXT.remedy': 'Sirve la página por HTTPS (http://localhost sirve para desarrollo).',
  'error.PUBLISH_NOT_ALLOWED.message': 'Este token no permite publicar cámara ni micrófono.',
  'error.PUBLISH_NOT_ALLOWED.remedy': 'Pide a tu servidor de aplicación un token con el rol PUBLISHER o MODERATOR.',
  'error.PUBLISH_FAILED.message': 'No se pudo enviar tu cámara y tu micrófono: {reason}',
  'error.PUBLISH_FAILED.remedy': 'Inténtalo de nuevo. Si sigue fallando, puede que los puertos de medios del despliegue de OpenVidu estén cerrados.',
  'error.MEDIA_CONNECTION_FAILED.message': 'Falló la conexión de medios de {name}.',
  'error.MEDIA_CONNECTION_FAILED.remedy':
    'Los puertos de medios del despliegue de OpenVidu (UDP 40000-65535 y el puerto TURN 3478) deben estar abiertos, y su IP pública debe estar bien configurada. Tras un cortafuegos estricto hace falta un servidor TURN sobre TCP o TLS.',
};

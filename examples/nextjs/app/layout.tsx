import type { ReactNode } from 'react';

export const metadata = { title: 'openvidu-elements in Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: 'system-ui, sans-serif', background: '#f4f5f7' }}>{children}</body>
    </html>
  );
}

// A server component: rendered on the server for every request, with the package imported there.
import { OV_ERROR_CODES } from 'openvidu-elements';
import { Room } from './room';

export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<{ session?: string; name?: string }> }) {
  const { session = 'nextjs', name = 'Next.js' } = await searchParams;
  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <h1 style={{ fontSize: 20 }}>Session “{session}”</h1>
      <p data-testid="server-note">Rendered on the server, which knows {OV_ERROR_CODES.length} error codes of openvidu-elements.</p>
      <Room sessionId={session} participantName={name} />
    </main>
  );
}

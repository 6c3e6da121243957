/**
 * The in-process inspector session each profiler opens for itself
 * (node:inspector/promises: Session.post returns promises; Node >= 19).
 * A session of its own per profiler: disconnecting it disables only its own
 * agents, so a test runner's coverage session (vitest's v8 provider uses the
 * same Profiler domain) is left alone.
 */
import { Session } from 'node:inspector/promises';

export function connectSession(): Session {
  const session = new Session();
  session.connect();
  return session;
}

export function disconnectQuietly(session: Session): void {
  try {
    session.disconnect();
  } catch {
    // Already closed: nothing left to release.
  }
}

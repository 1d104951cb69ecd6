import { z } from 'zod';
import { ProfileId } from './schemas/profile';

/**
 * What the console pushes to its pages when the active profile, or its HIPAA mode, changes
 * (issue 18): over IPC in the desktop app, as the `profile` event of `GET /api/events` in browser
 * mode. A page that carries the HIPAA image policy must learn at once, not at its next poll.
 * Checked on arrival like every answer: it crossed a process boundary.
 */
export const ActiveProfileEvent = z.strictObject({ activeProfileId: ProfileId.nullable(), hipaa: z.boolean() });
export type ActiveProfileEvent = z.infer<typeof ActiveProfileEvent>;

/**
 * The loopback API's event stream: Server-Sent Events, opened with the bearer token, or (a browser's
 * EventSource sends no header) with a one-time ticket from EVENTS_TICKET_PATH, itself bearer-only.
 */
export const EVENTS_PATH = '/api/events';
export const EVENTS_TICKET_PATH = '/api/events/ticket';
export const EventsTicket = z.object({ ticket: z.string().min(16).max(64), expires_in: z.number().positive() });
/** The stream's event name for an ActiveProfileEvent. */
export const PROFILE_EVENT = 'profile';

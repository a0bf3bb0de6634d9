/**
 * Long engine operations (pull, push, save, load, commit) report progress through
 * this one shape, so every command can show it the same way in a notification.
 */
export interface ProgressUpdate {
  /** One line for the notification, e.g. "3 of 5 layers, 41.2 MB of 120 MB". */
  readonly message: string;
  /** 0..1 when the total is known. */
  readonly fraction?: number;
}

export type ProgressSink = (update: ProgressUpdate) => void;

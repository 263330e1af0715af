import { openForumDb } from './db';

/** The app's one database instance. */
export const db = openForumDb();

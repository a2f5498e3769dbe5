/** The embedded links a SARIF viewer finds in plain text (SARIF 2.1.0 §3.11.6), each as written. */
export function embeddedLinks(text: string): string[];
/** The text a viewer shows: each escaped character as itself. */
export function shownText(text: string): string;
/** Every message of a SARIF log's results and their related places. */
export function sarifMessages(log: unknown): string[];

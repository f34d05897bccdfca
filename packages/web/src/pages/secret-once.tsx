import { useState, type ReactNode } from 'react';

/**
 * A secret the server answers once (an API key, a client secret, a webhook's signing secret): shown here
 * until dismissed, with a copy button; the page never keeps it elsewhere and the server only its hash.
 */
export function SecretOnce({
  id,
  label,
  secret,
  children,
  onDismiss,
}: {
  /** The id of the secret's text field (for labels and tests). */
  id: string;
  /** What the secret is, for screen readers ("Secret of the client ingest-bot"). */
  label: string;
  secret: string;
  children: ReactNode;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'no'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="notice notice-succeeded secret" role="status">
      <p>{children}</p>
      <div className="cli">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input id={id} className="secret-text" readOnly value={secret} onFocus={(e) => e.target.select()} />
        <button type="button" className="small" onClick={copy}>
          Copy secret
        </button>
        <span className="muted small" aria-live="polite">
          {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed: select the text' : ''}
        </span>
        <button type="button" className="secondary small" onClick={onDismiss}>
          I have saved it
        </button>
      </div>
    </div>
  );
}

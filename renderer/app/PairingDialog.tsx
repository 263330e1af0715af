/** Pairing the browser clipper: the token to paste into it, the port, a new token on request. */
import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { ConnectorPairing } from '../../src/bridge/forumkb-api';
import { platform } from '../platform';

const usePairing = create<{ open: boolean; setOpen(open: boolean): void }>((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

export const openPairingDialog = () => usePairing.getState().setOpen(true);

export function PairingDialog() {
  const open = usePairing((s) => s.open);
  return open ? <PairingDialogOpen onClose={() => usePairing.getState().setOpen(false)} /> : null;
}

function PairingDialogOpen({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [pairing, setPairing] = useState<ConnectorPairing | null | 'loading'>('loading');
  const [port, setPort] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
    void platform.connectorPairing().then((p) => {
      setPairing(p);
      if (p) setPort(String(p.port));
    });
  }, []);

  const configure = async (change: { port?: number; newToken?: boolean }) => {
    const p = await platform.configureConnector(change).catch((e: unknown) => {
      setMessage(String(e instanceof Error ? e.message : e));
      return undefined;
    });
    if (p === undefined) return;
    setPairing(p);
    setMessage(change.newToken ? 'New token: pair the clipper again with it.' : '');
  };

  return (
    <dialog ref={dialog} className="pairing-dialog" aria-labelledby="pairing-title" onClose={onClose}>
      <h2 id="pairing-title">Pair the browser clipper</h2>
      {pairing === 'loading' ? (
        <p>Reading…</p>
      ) : pairing === null ? (
        <p>
          The ForumKB Clipper pairs with the desktop app. In a browser, collect captures with{' '}
          <code>npm run cli -- connector --out DIR</code> and import the files.
        </p>
      ) : (
        <>
          <p>
            In the clipper’s popup, open <strong>Pairing</strong> and enter this token and port.
          </p>
          <label>
            Token
            <input readOnly value={pairing.token} onFocus={(e) => e.currentTarget.select()} aria-label="Token" />
          </label>
          <label>
            Port
            <input
              type="number"
              min={1024}
              max={65535}
              value={port}
              onChange={(e) => setPort(e.currentTarget.value)}
              aria-label="Port"
            />
          </label>
          <p role="status">
            {pairing.running
              ? `Listening on 127.0.0.1:${pairing.port}.`
              : `Not listening: ${pairing.error ?? 'stopped'}.`}{' '}
            {message}
          </p>
          <div className="pairing-actions">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(pairing.token)}>
              Copy token
            </button>
            <button type="button" onClick={() => void configure({ newToken: true })}>
              New token
            </button>
            <button
              type="button"
              disabled={port === String(pairing.port) && pairing.running}
              onClick={() => void configure({ port: Number(port) })}
            >
              Use this port
            </button>
          </div>
        </>
      )}
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}

import { useState } from 'preact/hooks';

/** The ops token (ADMIN_TOKEN or a scoped token), kept for this tab only. */
export function SignIn(props: { message: string; onSignedIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  return (
    <form class="sign-in" onSubmit={(event) => { event.preventDefault(); if (token.trim()) props.onSignedIn(token.trim()); }}>
      <h1>Leadscore</h1>
      {props.message && <p class="error" role="alert">{props.message}</p>}
      <label>Ops token <input name="token" type="password" autocomplete="off" value={token} onInput={(event) => setToken(event.currentTarget.value)} /></label>
      <button type="submit">Sign in</button>
      <p class="hint">The admin token or a scoped token (POST /v1/tokens). Kept in this tab only.</p>
    </form>
  );
}

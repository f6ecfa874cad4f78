import { useEffect, useState } from 'preact/hooks';
import { session } from './api';
import { useRoute } from './router';
import { SignIn } from './pages/sign-in';
import { Overview } from './pages/overview';
import { Leads } from './pages/leads';
import { Lead } from './pages/lead';
import { Rules } from './pages/rules';
import { Replay } from './pages/replay';
import { Handoffs } from './pages/handoffs';
import { Dlq } from './pages/dlq';

const PAGES = [
  ['overview', 'Overview'],
  ['leads', 'Leads'],
  ['rules', 'Rules'],
  ['replay', 'Replay'],
  ['handoffs', 'Handoffs'],
  ['dlq', 'DLQ'],
] as const;

export function App() {
  const [token, setToken] = useState(session.token());
  const [message, setMessage] = useState('');
  const route = useRoute();
  useEffect(() => session.onSignOut((text) => {
    setMessage(text);
    setToken(null);
  }), []);
  if (!token) return <SignIn message={message} onSignedIn={(value) => { session.signIn(value); setMessage(''); setToken(value); }} />;
  const [page = 'overview', id] = route.parts;
  return (
    <div class="layout">
      <nav class="sidebar">
        <h1>Leadscore</h1>
        {PAGES.map(([key, label]) => <a key={key} href={`#/${key}`} class={page === key ? 'active' : ''}>{label}</a>)}
        <button type="button" class="link" onClick={() => session.signOut('Signed out.')}>Sign out</button>
      </nav>
      <main>{pageFor(page, id, route.params)}</main>
    </div>
  );
}

function pageFor(page: string, id: string | undefined, params: URLSearchParams) {
  switch (page) {
    case 'leads': return id === undefined ? <Leads params={params} /> : <Lead leadId={id} />;
    case 'rules': return <Rules />;
    case 'replay': return <Replay />;
    case 'handoffs': return <Handoffs />;
    case 'dlq': return <Dlq />;
    default: return <Overview />;
  }
}

import { useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { asText } from '../lead-types';
import { useLoad } from '../use-load';

type Letter = Record<string, unknown>;
const COLUMNS = ['reason', 'step', 'sourceTopic', 'sourcePartition', 'sourceOffset'];

/** Dead letters with their reason; redrive sends them back to the topic they came from. */
export function Dlq() {
  const list = useLoad('dlq', () => api<Page<Letter>>('GET', '/v1/dlq?limit=100'));
  const [message, setMessage] = useState('');
  const redrive = () => void api<Record<string, unknown>>('POST', '/v1/dlq/redrive', { all: true }).then((answer) => { setMessage(`Redriven: ${asText(answer)}`); list.reload(); }, (error: unknown) => setMessage(String(error)));
  return (
    <section>
      <h2>Dead letters</h2>
      {list.error && <p class="error">{list.error}</p>}
      <table>
        <thead><tr>{COLUMNS.map((column) => <th key={column}>{column}</th>)}<th>message</th></tr></thead>
        <tbody>{(list.data?.items ?? []).map((letter, index) => (
          <tr key={index}>{COLUMNS.map((column) => <td key={column}>{letter[column] === undefined ? '' : asText(letter[column])}</td>)}<td><small class="props">{asText(letter.value ?? letter)}</small></td></tr>
        ))}</tbody>
      </table>
      <button type="button" onClick={redrive}>Redrive all</button>
      {message && <p>{message}</p>}
    </section>
  );
}

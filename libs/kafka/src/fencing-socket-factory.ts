import { connect, Socket } from 'node:net';
import { type ISocketFactory } from 'kafkajs';

export interface FencingSocketFactory {
  socketFactory: ISocketFactory;
  /** Destroys every socket made so far and refuses every later one: nothing more leaves by them. */
  fence(): void;
  readonly fenced: boolean;
}

/**
 * Sockets for one kafkajs client that can be cut for good. kafkajs cannot cancel a send: a send
 * whose caller gave up keeps retrying (reconnecting the cluster) and may be written minutes later,
 * once the broker is back. Fencing the client's sockets is the only way to make sure it is not.
 */
export function createFencingSocketFactory(): FencingSocketFactory {
  const open = new Set<Socket>();
  let fenced = false;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    if (fenced) {
      const refused = new Socket();
      setImmediate(() => refused.destroy(new Error('connection fenced: this producer gave up its sends')));
      return refused;
    }
    const socket = connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    return socket;
  };
  return {
    socketFactory,
    fence: () => {
      fenced = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    get fenced() {
      return fenced;
    },
  };
}

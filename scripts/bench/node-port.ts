import type { Endpoint } from "comlink";

/** A Node MessagePort or Worker as the message endpoint Comlink speaks (as comlink's node-adapter). */
export interface NodePort {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(event: "message", listener: (data: unknown) => void): void;
  off(event: "message", listener: (data: unknown) => void): void;
}

export function portOf(nep: NodePort): Endpoint {
  const listeners = new Map<EventListenerOrEventListenerObject, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => nep.postMessage(message, transfer),
    addEventListener(_type: string, h: EventListenerOrEventListenerObject) {
      const l = (data: unknown) => {
        const event = { data } as MessageEvent;
        if ("handleEvent" in h) h.handleEvent(event);
        else h(event);
      };
      nep.on("message", l);
      listeners.set(h, l);
    },
    removeEventListener(_type: string, h: EventListenerOrEventListenerObject) {
      const l = listeners.get(h);
      if (l) nep.off("message", l);
      listeners.delete(h);
    },
  };
}

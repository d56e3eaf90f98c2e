// Server-sent events read from a fetch() response body. The dashboard uses fetch rather than EventSource
// so that a stream ends when the page says so (EventSource reconnects by itself after the server closes)
// and stops with the page's AbortSignal. Each event is { event, data }; event is "message" when unnamed.
// Lines end in LF (the node's servers write LF; a CR is dropped).

/** The events of an SSE response body, in order, until the server ends the stream. */
export async function* sseEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r/g, '');
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const event = parse(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (event) yield event;
      }
    }
  } finally {
    // the consumer stopped reading (or the stream ended): release the connection; a failure to cancel a
    // stream that is already closed or errored says nothing new
    reader.cancel().catch(() => {});
  }
}

function parse(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return data.length ? { event, data: data.join('\n') } : null;
}

package dev.openledger.openlora.engine;

/** A request in a model queue: arrival order and time are what scheduling sorts by. */
final class Waiting {
  final EngineRequest request;
  final RequestHandle handle;
  final long arrival;
  final long arrivalNanos;

  Waiting(EngineRequest request, RequestHandle handle, long arrival, long arrivalNanos) {
    this.request = request;
    this.handle = handle;
    this.arrival = arrival;
    this.arrivalNanos = arrivalNanos;
  }
}

package dev.openledger.node.api;

import java.util.Locale;
import java.util.Map;

/** Writes the Prometheus text exposition format (version 0.0.4). */
public final class MetricsWriter {
  private final StringBuilder out = new StringBuilder();

  /** A metric without labels. */
  public MetricsWriter metric(String name, String type, String help, double value) {
    header(name, type, help);
    out.append(name).append(' ').append(format(value)).append('\n');
    return this;
  }

  /** A metric with one label, one sample per entry. */
  public MetricsWriter labelled(
      String name, String type, String help, String label, Map<String, ? extends Number> samples) {
    header(name, type, help);
    samples.forEach(
        (k, v) ->
            out.append(name)
                .append('{')
                .append(label)
                .append("=\"")
                .append(escape(k))
                .append("\"} ")
                .append(format(v.doubleValue()))
                .append('\n'));
    return this;
  }

  /** Appends text already in the exposition format, from a module that renders its own metrics. */
  public MetricsWriter exposition(String text) {
    out.append(text);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      out.append('\n');
    }
    return this;
  }

  private void header(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

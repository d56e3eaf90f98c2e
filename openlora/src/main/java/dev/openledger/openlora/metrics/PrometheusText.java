package dev.openledger.openlora.metrics;

import java.util.Locale;

/** Builds the Prometheus text exposition format, version 0.0.4. */
public final class PrometheusText {
  private final StringBuilder out = new StringBuilder();

  /** {@code # HELP} and {@code # TYPE} lines. */
  public PrometheusText header(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; {@code labels} is the text inside the braces, empty for none. */
  public PrometheusText sample(String name, String labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ').append(number(value)).append('\n');
    return this;
  }

  /** {@code key="value"} with the value escaped. */
  public static String label(String key, String value) {
    return key
        + "=\""
        + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        + "\"";
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

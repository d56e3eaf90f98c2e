package dev.openledger.node.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark ran.
 *
 * @param cpuModel the CPU model from /proc/cpuinfo (or the architecture when unknown)
 * @param cores processors available to the JVM
 * @param loadAverage the one-minute load average when the benchmark started
 * @param java the Java runtime version
 */
public record MachineInfo(String cpuModel, int cores, double loadAverage, String java) {

  public static MachineInfo current() {
    return new MachineInfo(
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.runtime.version"));
  }

  private static String readCpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return System.getProperty("os.arch") + " (cpu model unreadable: " + e.getMessage() + ")";
    }
    return System.getProperty("os.arch");
  }
}

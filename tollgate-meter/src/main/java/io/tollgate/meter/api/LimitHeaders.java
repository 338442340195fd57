package io.tollgate.meter.api;

import io.tollgate.meter.Period;
import io.tollgate.meter.config.MeterImage.ServiceView;
import io.tollgate.meter.config.MeterMetric;
import io.tollgate.meter.engine.UsageReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code limit_headers} extension (apisonator {@code transactor/limit_headers.rb},
 * {@code docs/extensions.md}): of the reports that apply to this call, the most constrained one.
 *
 * <ul>
 *   <li>Reports that apply: all of them when the call has no usage, otherwise those of the metrics in
 *       the usage and of their ancestors.</li>
 *   <li>Remaining of a report: how many identical calls still fit, {@code max(max - current, 0) / u}
 *       where {@code u} is this call's usage of the metric and its descendants; 0 when nothing
 *       remains; -1 (no constraint) when {@code u} is 0.</li>
 *   <li>Most constrained: the smallest remaining, and among equal remainings the longest period.
 *       apisonator's comparator orders an unconstrained report (-1) depending on the list order; here
 *       it always loses to a constrained one.</li>
 *   <li>Reset: seconds to the end of the window, rounded up; -1 for eternity.</li>
 * </ul>
 *
 * When no report constrains the call, {@code remaining} and {@code reset} are -1 and there is no
 * max-value header.
 *
 * @param remaining {@code 3scale-limit-remaining}
 * @param reset {@code 3scale-limit-reset}
 * @param maxValue {@code 3scale-limit-max-value}, or null when unconstrained
 */
record LimitHeaders(long remaining, long reset, Long maxValue) {
    /** No limit applies. */
    static final LimitHeaders UNCONSTRAINED = new LimitHeaders(-1, -1, null);

    /**
     * The headers for {@code reports} of a call with {@code usage}; {@code currentValue} of each report
     * already includes the usage an authrep recorded.
     */
    static LimitHeaders of(List<UsageReport> reports, Map<String, Long> usage, ServiceView service, Instant now) {
        UsageReport best = null;
        long bestRemaining = -1;
        for (UsageReport report : applicable(reports, usage, service)) {
            long remaining = remainingSameCalls(report, usage, service);
            if (remaining < 0) {
                continue;
            }
            if (best == null || remaining < bestRemaining
                    || remaining == bestRemaining && report.period().compareTo(best.period()) > 0) {
                best = report;
                bestRemaining = remaining;
            }
        }
        if (best == null) {
            return UNCONSTRAINED;
        }
        return new LimitHeaders(bestRemaining, resetSeconds(best, now), best.maxValue());
    }

    private static List<UsageReport> applicable(List<UsageReport> reports, Map<String, Long> usage,
            ServiceView service) {
        if (usage.isEmpty()) {
            return reports;
        }
        Set<String> metrics = new HashSet<>(usage.keySet());
        for (String name : usage.keySet()) {
            Optional<MeterMetric> metric = service.metric(name);
            Set<Long> seen = new HashSet<>();
            while (metric.isPresent() && seen.add(metric.get().id())) {
                metric = service.parent(metric.get());
                metric.ifPresent(m -> metrics.add(m.name()));
            }
        }
        List<UsageReport> applicable = new ArrayList<>();
        for (UsageReport report : reports) {
            if (metrics.contains(report.metric())) {
                applicable.add(report);
            }
        }
        return applicable;
    }

    private static long remainingSameCalls(UsageReport report, Map<String, Long> usage, ServiceView service) {
        long remaining = Math.max(report.maxValue() - report.currentValue(), 0);
        if (remaining == 0) {
            return 0;
        }
        long perCall = usageWithDescendants(report.metric(), usage, service);
        return perCall > 0 ? remaining / perCall : -1;
    }

    private static long usageWithDescendants(String metricName, Map<String, Long> usage, ServiceView service) {
        long total = usage.getOrDefault(metricName, 0L);
        Optional<MeterMetric> metric = service.metric(metricName);
        if (metric.isEmpty()) {
            return total;
        }
        List<MeterMetric> pending = new ArrayList<>(service.children(metric.get()));
        Set<Long> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            MeterMetric child = pending.remove(pending.size() - 1);
            if (seen.add(child.id())) {
                total += usage.getOrDefault(child.name(), 0L);
                pending.addAll(service.children(child));
            }
        }
        return total;
    }

    private static long resetSeconds(UsageReport report, Instant now) {
        if (report.period() == Period.ETERNITY) {
            return -1;
        }
        Duration left = Duration.between(now, report.periodEnd());
        long seconds = left.getSeconds();
        return left.getNano() > 0 ? seconds + 1 : seconds;
    }
}

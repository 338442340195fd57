package io.tollgate.meter.stats;

import io.tollgate.meter.Period;

/**
 * One usage bucket: an application's metric over one UTC hour or day.
 *
 * @param appId the application
 * @param metricId the metric
 * @param granularity {@link Period#HOUR} or {@link Period#DAY}
 * @param start the bucket's first second (epoch seconds)
 */
record Bucket(long appId, long metricId, Period granularity, long start) {

    /** The first second after the bucket (UTC hours and days have a fixed length). */
    long end() {
        return start + (granularity == Period.HOUR ? 3600 : 86_400);
    }
}

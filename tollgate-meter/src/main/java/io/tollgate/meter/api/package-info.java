/**
 * The Service Management API (3scale apisonator compatible) over HTTP: {@code authorize},
 * {@code authrep}, their OAuth variants and the batch {@code report}, answered in apisonator's XML
 * byte for byte. {@link io.tollgate.meter.api.MeterServer} serves it;
 * {@link io.tollgate.meter.api.ServiceManagementApi} is the request handler, which only parses and
 * writes: every decision is the {@link io.tollgate.meter.engine.MeterEngine}'s.
 */
package io.tollgate.meter.api;

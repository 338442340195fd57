/** Java client for Tollgate's admin API and the workflows built on it. */
package io.tollgate.client;

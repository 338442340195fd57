/** The toolbox commands of {@code tollgate}. */
package io.tollgate.cli;

package io.tollgate.cli.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.cli.CliException;
import io.tollgate.client.Documents;
import java.math.BigDecimal;
import picocli.CommandLine.Option;

/** The plan attributes {@code application-plan create} and {@code apply} both take. */
final class PlanFields {
    @Option(names = "--approval-required", paramLabel = "true|false", description = "Applications require approval.")
    String approvalRequired;

    @Option(names = "--cost-per-month", paramLabel = "<amount>", description = "Cost per month.")
    BigDecimal costPerMonth;

    @Option(names = "--setup-fee", paramLabel = "<amount>", description = "Set-up fee.")
    BigDecimal setupFee;

    @Option(names = "--trial-period-days", paramLabel = "<days>", description = "The trial period in days.")
    Integer trialPeriodDays;

    @Option(names = "--default", description = "Make it the product's default application plan.")
    boolean makeDefault;

    ObjectNode toJson() {
        ObjectNode fields = Documents.JSON.createObjectNode();
        if (approvalRequired != null) {
            if (!approvalRequired.equals("true") && !approvalRequired.equals("false")) {
                throw new CliException("--approval-required: expected true or false, got '" + approvalRequired + "'");
            }
            fields.put("approval_required", Boolean.parseBoolean(approvalRequired));
        }
        if (costPerMonth != null) {
            fields.put("cost_per_month", costPerMonth);
        }
        if (setupFee != null) {
            fields.put("setup_fee", setupFee);
        }
        if (trialPeriodDays != null) {
            fields.put("trial_period_days", trialPeriodDays);
        }
        return fields;
    }
}

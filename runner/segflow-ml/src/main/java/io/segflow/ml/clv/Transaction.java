package io.segflow.ml.clv;

import java.time.LocalDate;

/** One purchase: customer, day and amount. */
public record Transaction(String customerId, LocalDate date, double amount) {
}

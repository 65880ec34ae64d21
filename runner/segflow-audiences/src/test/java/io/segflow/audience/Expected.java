package io.segflow.audience;

import io.segflow.audience.AudienceProject.Customer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The audience set of {@link AudienceProject#AUDIENCES} computed in plain Java from the generated rows: the rules,
 * suppression lists, priority order and cap applied one by one, independently of segflow's SQL.
 */
final class Expected {
    private Expected() {
    }

    static boolean suppressed(Customer c) {
        return !c.optedIn() || c.daysSinceOrder() <= 3;
    }

    static boolean vip(Customer c) {
        return c.revenue() >= 800;
    }

    static boolean regular(Customer c) {
        return !vip(c) && c.revenue() >= 200;
    }

    static boolean cart(Customer c) {
        return c.carts() >= 2;
    }

    static boolean browser(Customer c) {
        return c.visits() >= 5;
    }

    /** entity id -> audience, at most one each. */
    static Map<Long, String> membership(List<Customer> customers, int vipCap) {
        Map<Long, String> out = new LinkedHashMap<>();
        List<Customer> vips = new ArrayList<>(customers.stream().filter(c -> vip(c) && !suppressed(c)).toList());
        vips.sort(Comparator.comparingDouble(Customer::revenue).reversed().thenComparingLong(Customer::id));
        vips.stream().limit(vipCap).forEach(c -> out.put(c.id(), "vip_care"));
        take(customers, out, "cart_push", Expected::cart);
        take(customers, out, "reactivate", c -> regular(c) || browser(c));
        return out;
    }

    private static void take(List<Customer> customers, Map<Long, String> out, String audience, Predicate<Customer> p) {
        for (Customer c : customers) {
            if (!suppressed(c) && p.test(c) && !out.containsKey(c.id())) out.put(c.id(), audience);
        }
    }
}

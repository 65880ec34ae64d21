package io.segflow.datagen;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulates one customer's whole history from a random stream seeded only by (seed, customer_id), so the output
 * for a customer never depends on which other customers are generated, in which order or on which thread.
 * IDs are derived from the customer id: order_id = customer_id*1000+n, event_id = customer_id*100000+n,
 * session_id = customer_id*10000+n, ticket_id = customer_id*100+n.
 */
final class CustomerSimulator {
    /** Receives one customer's rows, table by table, in time order. */
    interface Sink {
        void customer(Object[] row);

        void order(Object[] row);

        void orderItem(Object[] row);

        void event(Object[] row);

        void ticket(Object[] row);
    }

    static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);
    static final LocalDate HISTORY_START = LocalDate.of(2023, 1, 1);
    private static final long DAY = 86_400;
    private static final long START_DAY = HISTORY_START.toEpochDay();
    private static final long AS_OF_DAY = AS_OF.toEpochDay();
    private static final long LAST_SECOND = (AS_OF_DAY + 1) * DAY - 1;
    private static final String[] CHANNELS = {"web", "app", "store"};

    private record Ev(String type, String page, String category, String query) {
    }

    private record Session(long start, String device, List<Ev> events, long[] offsets) {
    }

    private final long seed;

    CustomerSimulator(long seed) {
        this.seed = seed;
    }

    /** The hidden behaviour type of a customer (for tests: it is the first draw of the customer's stream). */
    Behaviour behaviourOf(long customerId) {
        return Behaviour.values()[Catalogue.pickWeighted(randomFor(customerId), Behaviour.SHARES)];
    }

    private SplittableRandom randomFor(long customerId) {
        return new SplittableRandom(Catalogue.mix(Catalogue.mix(seed) + customerId));
    }

    void simulate(long customerId, Sink out) {
        SplittableRandom r = randomFor(customerId);
        Behaviour b = Behaviour.values()[Catalogue.pickWeighted(r, Behaviour.SHARES)];
        long signupDay = switch (b) {
            case NEW -> AS_OF_DAY - r.nextInt(90);
            case CHURNED -> START_DAY + r.nextInt(456);
            default -> START_DAY + r.nextInt(630);
        };
        long endDay = AS_OF_DAY + 1; // exclusive
        if (b == Behaviour.CHURNED) {
            long latestChurn = AS_OF_DAY - 120;
            endDay = signupDay + 60 + r.nextInt((int) Math.max(1, latestChurn - signupDay - 60));
        }
        emitCustomer(customerId, b, signupDay, r, out);

        double[] affinity = categoryAffinity(r);
        double[] channelWeights = channelWeights(r);
        String webDevice = r.nextDouble() < 0.6 ? "desktop" : r.nextDouble() < 0.88 ? "mobile" : "tablet";
        int preferredHour = 8 + r.nextInt(14);

        List<Session> sessions = new ArrayList<>();
        List<Long> returnedOrderTimes = new ArrayList<>();
        List<Long> orderDays = orderDays(b, signupDay, endDay, r);
        for (int k = 0; k < orderDays.size(); k++) {
            long ts = orderDays.get(k) * DAY + timeOfDay(r, preferredHour);
            String channel = CHANNELS[Catalogue.pickWeighted(r, channelWeights)];
            String status = emitOrder(customerId * 1000 + k + 1, customerId, ts, channel, b, affinity, r, out,
                    sessions, webDevice);
            if (status.equals("returned")) returnedOrderTimes.add(ts);
        }
        double activeYears = (endDay - signupDay) / 365.0;
        int browse = poisson(r, b.browseSessionsPerYear * activeYears);
        if (b == Behaviour.BROWSER_ONLY) browse = Math.max(1, browse);
        for (int i = 0; i < browse; i++) {
            long day = signupDay + r.nextInt((int) Math.max(1, endDay - signupDay));
            sessions.add(browseSession(day * DAY + timeOfDay(r, preferredHour), b, affinity, r, webDevice));
        }
        sessions.sort((x, y) -> Long.compare(x.start, y.start));
        emitEvents(customerId, sessions, out);
        emitTickets(customerId, b, signupDay, endDay, returnedOrderTimes, r, out);
    }

    private void emitCustomer(long id, Behaviour b, long signupDay, SplittableRandom r, Sink out) {
        String first = Catalogue.pick(r, Catalogue.FIRST_NAMES);
        String last = Catalogue.pick(r, Catalogue.LAST_NAMES);
        int country = Catalogue.pickWeighted(r, Catalogue.COUNTRY_WEIGHTS);
        String city = Catalogue.pick(r, Catalogue.CITIES[country]);
        int birthYear = (int) Math.max(1940, Math.min(2006, Math.round(1985 + 12 * gaussian(r))));
        double g = r.nextDouble();
        String gender = g < 0.49 ? "female" : g < 0.96 ? "male" : g < 0.98 ? "other" : null;
        double[] acquisition = switch (b) {
            case BARGAIN_HUNTER -> new double[] {0.15, 0.25, 0.15, 0.05, 0.05, 0.30, 0.05};
            case LOYAL_HIGH_VALUE -> new double[] {0.25, 0.10, 0.05, 0.15, 0.25, 0.02, 0.18};
            case BROWSER_ONLY, ONE_TIME -> new double[] {0.20, 0.25, 0.30, 0.05, 0.05, 0.10, 0.05};
            default -> new double[] {0.30, 0.20, 0.15, 0.10, 0.10, 0.05, 0.10};
        };
        String channel = Catalogue.ACQUISITION_CHANNELS[Catalogue.pickWeighted(r, acquisition)];
        double optIn = switch (b) {
            case LOYAL_HIGH_VALUE -> 0.8;
            case BARGAIN_HUNTER -> 0.7;
            case BROWSER_ONLY, CHURNED -> 0.3;
            default -> 0.5;
        };
        String email = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + id + "@example.com";
        out.customer(new Object[] {id, email, first, last, Catalogue.COUNTRIES[country], city,
            LocalDate.ofEpochDay(signupDay), birthYear, gender, channel, r.nextDouble() < optIn});
    }

    private static double[] categoryAffinity(SplittableRandom r) {
        double[] w = new double[Catalogue.CATEGORIES.length];
        for (int i = 0; i < w.length; i++) w[i] = Catalogue.CATEGORY_POPULARITY[i] * Math.exp(gaussian(r));
        int favourites = 1 + r.nextInt(2);
        for (int i = 0; i < favourites; i++) w[Catalogue.pickWeighted(r, Catalogue.CATEGORY_POPULARITY)] *= 6;
        return w;
    }

    private static double[] channelWeights(SplittableRandom r) {
        double u = r.nextDouble();
        int main = u < 0.45 ? 0 : u < 0.75 ? 1 : 2;
        double[] w = {0.15, 0.15, 0.15};
        w[main] = 0.7;
        return w;
    }

    private static List<Long> orderDays(Behaviour b, long signupDay, long endDay, SplittableRandom r) {
        List<Long> days = new ArrayList<>();
        if (b == Behaviour.ONE_TIME) {
            days.add(Math.min(endDay - 1, signupDay + r.nextInt(30)));
            return days;
        }
        if (b.ordersPerYear <= 0) return days;
        double meanGap = 365.0 / b.ordersPerYear;
        double t = signupDay + exponential(r, meanGap * 0.5);
        while (t < endDay && days.size() < 999) {
            days.add((long) t);
            // loyal customers buy more regularly: average two gaps to lower the variance
            t += b == Behaviour.LOYAL_HIGH_VALUE
                    ? (exponential(r, meanGap) + exponential(r, meanGap)) / 2 : exponential(r, meanGap);
        }
        return days;
    }

    /** Emits one order and its lines; adds the online purchase session. Returns the status. */
    private String emitOrder(long orderId, long customerId, long ts, String channel, Behaviour b, double[] affinity,
            SplittableRandom r, Sink out, List<Session> sessions, String webDevice) {
        int lines = 1;
        double more = b == Behaviour.LOYAL_HIGH_VALUE ? 0.5 : 0.33;
        while (lines < 8 && r.nextDouble() < more) lines++;
        long gross = 0;
        int items = 0;
        int[] lineCategory = new int[lines];
        long[] lineProduct = new long[lines];
        for (int line = 0; line < lines; line++) {
            int cat = Catalogue.pickWeighted(r, affinity);
            int idx = Catalogue.pickProduct(r, cat, b.priceLevel);
            long price = Catalogue.priceCents(cat, idx);
            boolean bulky = cat == 7 || cat == 9; // grocery, pets
            int qty = 1 + (r.nextDouble() < (bulky ? 0.5 : 0.2) ? 1 + r.nextInt(bulky ? 4 : 2) : 0);
            gross += price * qty;
            items += qty;
            lineCategory[line] = cat;
            lineProduct[line] = Catalogue.productId(cat, idx);
            out.orderItem(new Object[] {orderId, line + 1, lineProduct[line], Catalogue.CATEGORIES[cat], qty,
                BigDecimal.valueOf(price, 2)});
        }
        long discount = 0;
        if (r.nextDouble() < b.discountProbability) {
            double pct = b == Behaviour.BARGAIN_HUNTER ? 0.15 + 0.25 * r.nextDouble() : 0.05 + 0.15 * r.nextDouble();
            discount = Math.round(gross * pct);
        }
        long shipping = channel.equals("store") || gross - discount >= 5000 ? 0 : 499;
        double s = r.nextDouble();
        String status = s < b.returnRate ? "returned" : s < b.returnRate + 0.04 ? "cancelled" : "completed";
        out.order(new Object[] {orderId, customerId, at(ts), status, channel, items, BigDecimal.valueOf(gross, 2),
            BigDecimal.valueOf(discount, 2), BigDecimal.valueOf(shipping, 2)});
        if (!channel.equals("store")) {
            String device = channel.equals("app") ? (r.nextDouble() < 0.85 ? "mobile" : "tablet") : webDevice;
            sessions.add(purchaseSession(ts, device, lineCategory, lineProduct, affinity, b, r));
        }
        return status;
    }

    private static Session purchaseSession(long purchaseTs, String device, int[] cats, long[] products,
            double[] affinity, Behaviour b, SplittableRandom r) {
        List<Ev> evs = new ArrayList<>();
        if (r.nextDouble() < 0.5) evs.add(new Ev("page_view", "/", null, null));
        if (r.nextDouble() < 0.3) evs.add(search(cats[0], r));
        for (int i = 0; i < cats.length; i++) {
            String cat = Catalogue.CATEGORIES[cats[i]];
            String page = "/p/" + products[i];
            int views = 1 + (r.nextDouble() < 0.1 ? 1 : 0);
            for (int v = 0; v < views; v++) evs.add(new Ev("product_view", page, cat, null));
            evs.add(new Ev("add_to_cart", page, cat, null));
        }
        if (r.nextDouble() < 0.08) {
            int cat = Catalogue.pickWeighted(r, affinity);
            String page = "/p/" + Catalogue.productId(cat, Catalogue.pickProduct(r, cat, b.priceLevel));
            evs.add(new Ev("product_view", page, Catalogue.CATEGORIES[cat], null));
            evs.add(new Ev("add_to_cart", page, Catalogue.CATEGORIES[cat], null));
            evs.add(new Ev("remove_from_cart", "/cart", Catalogue.CATEGORIES[cat], null));
        }
        evs.add(new Ev("checkout_start", "/checkout", null, null));
        evs.add(new Ev("purchase", "/checkout/complete", Catalogue.CATEGORIES[cats[0]], null));
        long[] offsets = gaps(evs.size(), r);
        return new Session(purchaseTs - offsets[offsets.length - 1], device, evs, offsets);
    }

    private static Session browseSession(long start, Behaviour b, double[] affinity, SplittableRandom r,
            String webDevice) {
        List<Ev> evs = new ArrayList<>();
        evs.add(new Ev("page_view", "/", null, null));
        int firstCat = Catalogue.pickWeighted(r, affinity);
        if (r.nextDouble() < 0.35) evs.add(search(firstCat, r));
        int views = 1 + r.nextInt(b == Behaviour.BROWSER_ONLY ? 6 : 4);
        boolean added = false;
        for (int i = 0; i < views; i++) {
            int cat = i == 0 ? firstCat : Catalogue.pickWeighted(r, affinity);
            if (r.nextDouble() < 0.2) evs.add(new Ev("page_view", "/c/" + Catalogue.CATEGORIES[cat],
                    Catalogue.CATEGORIES[cat], null));
            String page = "/p/" + Catalogue.productId(cat, Catalogue.pickProduct(r, cat, b.priceLevel));
            evs.add(new Ev("product_view", page, Catalogue.CATEGORIES[cat], null));
            if (r.nextDouble() < (b == Behaviour.BROWSER_ONLY ? 0.3 : 0.15)) {
                evs.add(new Ev("add_to_cart", page, Catalogue.CATEGORIES[cat], null));
                added = true;
                if (r.nextDouble() < 0.3) evs.add(new Ev("remove_from_cart", "/cart", Catalogue.CATEGORIES[cat], null));
            }
        }
        if (added && r.nextDouble() < 0.25) evs.add(new Ev("checkout_start", "/checkout", null, null));
        long[] offsets = gaps(evs.size(), r);
        start = Math.min(start, LAST_SECOND - offsets[offsets.length - 1]);
        String device = r.nextDouble() < 0.7 ? webDevice : "mobile";
        return new Session(start, device, evs, offsets);
    }

    private static Ev search(int category, SplittableRandom r) {
        return new Ev("search", "/search", Catalogue.CATEGORIES[category],
                Catalogue.pick(r, Catalogue.SEARCH_TERMS[category]));
    }

    /** Cumulative second offsets of a session's events (first is 0). */
    private static long[] gaps(int n, SplittableRandom r) {
        long[] offsets = new long[n];
        for (int i = 1; i < n; i++) offsets[i] = offsets[i - 1] + 5 + r.nextInt(150);
        return offsets;
    }

    private static void emitEvents(long customerId, List<Session> sessions, Sink out) {
        long eventSeq = 0;
        for (int s = 0; s < sessions.size() && s < 9999; s++) {
            Session session = sessions.get(s);
            long sessionId = customerId * 10_000 + s + 1;
            for (int i = 0; i < session.events.size() && eventSeq < 99_999; i++) {
                Ev e = session.events.get(i);
                out.event(new Object[] {customerId * 100_000 + ++eventSeq, customerId, sessionId,
                    at(session.start + session.offsets[i]), e.type, e.page, e.category, e.query, session.device});
            }
        }
    }

    private static void emitTickets(long customerId, Behaviour b, long signupDay, long endDay,
            List<Long> returnedOrderTimes, SplittableRandom r, Sink out) {
        int n = Math.min(99, poisson(r, 0.12 + 0.35 * returnedOrderTimes.size() + b.extraTickets));
        long[] created = new long[n];
        String[] topics = new String[n];
        for (int i = 0; i < n; i++) {
            if (!returnedOrderTimes.isEmpty() && r.nextDouble() < 0.6) {
                long orderTs = returnedOrderTimes.get(r.nextInt(returnedOrderTimes.size()));
                created[i] = orderTs + (1 + r.nextInt(10)) * DAY + r.nextInt((int) DAY);
                topics[i] = "return";
            } else {
                long from = b == Behaviour.CHURNED ? Math.max(signupDay, endDay - 60) : signupDay;
                created[i] = (from + r.nextInt((int) Math.max(1, endDay - from))) * DAY + 8 * 3600 + r.nextInt(50_000);
                topics[i] = Catalogue.pick(r, Catalogue.TICKET_TOPICS);
            }
            created[i] = Math.min(created[i], LAST_SECOND - 60);
        }
        // emit in creation order; a simple insertion sort keeps topics aligned (n is tiny)
        for (int i = 1; i < n; i++) {
            for (int j = i; j > 0 && created[j - 1] > created[j]; j--) {
                long t = created[j];
                created[j] = created[j - 1];
                created[j - 1] = t;
                String tp = topics[j];
                topics[j] = topics[j - 1];
                topics[j - 1] = tp;
            }
        }
        for (int i = 0; i < n; i++) {
            double p = r.nextDouble();
            double high = b == Behaviour.CHURNED ? 0.3 : 0.12;
            String priority = p < high ? "high" : p < high + 0.45 ? "medium" : "low";
            double hours = 0.25 + exponential(r, priority.equals("high") ? 12 : 36);
            long resolvedTs = created[i] + (long) (hours * 3600);
            boolean open = resolvedTs > LAST_SECOND || r.nextDouble() < 0.03;
            Integer csat = null;
            if (!open && r.nextDouble() < 0.6) {
                csat = b == Behaviour.CHURNED ? 1 + r.nextInt(3)
                        : 1 + Catalogue.pickWeighted(r, new double[] {0.03, 0.05, 0.12, 0.35, 0.45});
                if (hours > 72) csat = Math.max(1, csat - 1);
            }
            out.ticket(new Object[] {customerId * 100 + i + 1, customerId, at(created[i]),
                Catalogue.pick(r, Catalogue.TICKET_CHANNELS), topics[i], priority, open ? null : at(resolvedTs), csat});
        }
    }

    private static long timeOfDay(SplittableRandom r, int preferredHour) {
        int hour = (int) Math.max(6, Math.min(23, Math.round(preferredHour + 3 * gaussian(r))));
        return hour * 3600L + r.nextInt(3600);
    }

    private static LocalDateTime at(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    /** Box-Muller, so results do not depend on the JDK's own nextGaussian implementation. */
    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1.0 - r.nextDouble());
    }

    private static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) return 0;
        double l = Math.exp(-Math.min(lambda, 500));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}

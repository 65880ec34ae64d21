package io.segflow.datagen;

import java.util.SplittableRandom;

/** Fixed reference data of the synthetic shop: names, places, categories, products and prices. */
final class Catalogue {
    private Catalogue() {
    }

    static final String[] FIRST_NAMES = {"Emma", "Liam", "Olivia", "Noah", "Ava", "Elijah", "Sophia", "Lucas", "Mia",
        "Mateo", "Isabella", "Levi", "Amelia", "Leo", "Harper", "Ezra", "Evelyn", "Luca", "Chloe", "Hugo", "Lena",
        "Jonas", "Sofia", "Felix", "Clara", "Milan", "Julia", "Oskar", "Alice", "Finn", "Maja", "Elias", "Nora",
        "Anton", "Ida", "Jan", "Zofia", "Marco", "Giulia", "Pablo", "Lucia", "Daan", "Fenna", "Erik", "Astrid",
        "Omar", "Aisha", "Ravi", "Priya", "Kenji", "Yuki", "Chen", "Mei", "Samuel", "Grace"};
    static final String[] LAST_NAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Martin", "Bernard", "Dubois", "Moreau", "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "de Jong",
        "Jansen", "de Vries", "van Dijk", "Bakker", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Lopez",
        "Gonzalez", "Rodriguez", "Fernandez", "Sanchez", "Nowak", "Kowalski", "Wisniewski", "Andersson",
        "Johansson", "Karlsson", "Nilsson", "Taylor", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright",
        "Patel", "Khan", "Nguyen", "Kim", "Tanaka", "O'Brien", "Murphy"};

    static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "NL", "ES", "IT", "SE", "PL", "CA"};
    static final double[] COUNTRY_WEIGHTS = {0.30, 0.14, 0.13, 0.10, 0.07, 0.07, 0.06, 0.04, 0.04, 0.05};
    static final String[][] CITIES = {
        {"New York", "Los Angeles", "Chicago", "Houston", "Seattle", "Austin"},
        {"London", "Manchester", "Birmingham", "Leeds", "Glasgow"},
        {"Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt"},
        {"Paris", "Lyon", "Marseille", "Toulouse", "Lille"},
        {"Amsterdam", "Rotterdam", "Utrecht", "The Hague", "Eindhoven"},
        {"Madrid", "Barcelona", "Valencia", "Seville"},
        {"Rome", "Milan", "Naples", "Turin"},
        {"Stockholm", "Gothenburg", "Malmo"},
        {"Warsaw", "Krakow", "Wroclaw", "Gdansk"},
        {"Toronto", "Vancouver", "Montreal", "Calgary"}};

    static final String[] CATEGORIES = {"electronics", "fashion", "home", "beauty", "sports", "toys", "books",
        "grocery", "garden", "pets"};
    /** Typical unit price per category, in cents. */
    static final int[] BASE_PRICE_CENTS = {15000, 4500, 5500, 2500, 5000, 3000, 1800, 900, 4000, 2200};
    /** How popular each category is across the whole population (affinities vary around this). */
    static final double[] CATEGORY_POPULARITY = {0.14, 0.16, 0.12, 0.10, 0.09, 0.07, 0.08, 0.12, 0.05, 0.07};
    static final String[][] SEARCH_TERMS = {
        {"wireless headphones", "usb-c charger", "laptop", "smart watch", "4k tv"},
        {"summer dress", "sneakers", "winter jacket", "jeans", "wool scarf"},
        {"bed sheets", "coffee maker", "desk lamp", "storage boxes", "rug"},
        {"face cream", "shampoo", "perfume", "sunscreen", "lipstick"},
        {"yoga mat", "running shoes", "dumbbells", "bike helmet", "tent"},
        {"lego", "board game", "puzzle", "plush bear", "rc car"},
        {"cookbook", "thriller", "kids books", "fantasy series", "biography"},
        {"coffee beans", "olive oil", "pasta", "tea", "snacks"},
        {"garden hose", "seeds", "lawn mower", "plant pots", "bbq"},
        {"dog food", "cat litter", "dog toy", "aquarium", "cat tree"}};
    static final int PRODUCTS_PER_CATEGORY = 200;

    static final String[] ACQUISITION_CHANNELS = {"organic_search", "paid_search", "social", "email", "referral",
        "affiliate", "direct"};
    static final String[] TICKET_CHANNELS = {"email", "chat", "phone"};
    static final String[] TICKET_TOPICS = {"delivery", "payment", "product_question", "account", "other"};

    static long productId(int category, int index) {
        return (category + 1) * 10_000L + index + 1;
    }

    /** The fixed unit price of a product (cents, ending in 99): the same product always costs the same. */
    static long priceCents(int category, int index) {
        double f = 0.4 + 2.2 * unitHash(productId(category, index));
        long cents = Math.round(BASE_PRICE_CENTS[category] * f / 100.0) * 100 - 1;
        return Math.max(199, cents);
    }

    /** A product index; popular (low) indices are more likely, and higher {@code priceLevel} favours pricier ones. */
    static int pickProduct(SplittableRandom r, int category, double priceLevel) {
        int a = (int) (PRODUCTS_PER_CATEGORY * Math.pow(r.nextDouble(), 1.6));
        int b = (int) (PRODUCTS_PER_CATEGORY * Math.pow(r.nextDouble(), 1.6));
        boolean preferPricier = r.nextDouble() < priceLevel;
        boolean aPricier = priceCents(category, a) >= priceCents(category, b);
        return preferPricier == aPricier ? a : b;
    }

    static int pickWeighted(SplittableRandom r, double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.length - 1;
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A stable pseudo-random number in [0,1) for a key (SplitMix64 finaliser). */
    static double unitHash(long key) {
        return (mix(key) >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

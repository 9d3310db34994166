package dev.scalebus.simulator.kube;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Generated names as the ReplicaSet and Deployment controllers make them (safe alphabet, no vowels). */
public final class PodNames {

    /** k8s.io/apimachinery/pkg/util/rand: consonants and digits that cannot spell words. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private PodNames() {
    }

    public static String suffix(int length) {
        StringBuilder sb = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** pod-template-hash: FNV-1a of the template, safe-encoded (the Deployment controller's ComputeHash shape). */
    public static String templateHash(String templateJson) {
        int hash = 0x811c9dc5;
        for (byte b : templateJson.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        long value = hash & 0xffffffffL;
        StringBuilder sb = new StringBuilder();
        do {
            sb.append(ALPHABET.charAt((int) (value % ALPHABET.length())));
            value /= ALPHABET.length();
        } while (value > 0);
        return sb.toString();
    }
}

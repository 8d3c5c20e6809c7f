package com.mispost.detection;

import com.mispost.post.Post;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one account usually writes, learned from its past posts. Small enough to live in one
 * table item, and updated as the account's accepted posts arrive.
 */
public final class VoiceProfile {
    private final int posts;
    private final Map<String, Integer> clients;

    private VoiceProfile(int posts, Map<String, Integer> clients) {
        this.posts = posts;
        this.clients = clients;
    }

    public static VoiceProfile empty() {
        return new VoiceProfile(0, Map.of());
    }

    /** The profile after one more post the account accepted as its own. */
    public VoiceProfile learn(Post post) {
        Map<String, Integer> next = new HashMap<>(clients);
        String client = post.client();
        if (client != null && !client.isBlank()) next.merge(client.toLowerCase(Locale.ROOT), 1, Integer::sum);
        return new VoiceProfile(posts + 1, next);
    }

    /** A compact text form, stored as one table attribute. */
    public String encode() {
        StringBuilder b = new StringBuilder().append(posts);
        clients.forEach((c, n) -> b.append('\n').append(n).append('\t').append(c));
        return b.toString();
    }

    public static VoiceProfile decode(String encoded) {
        if (encoded == null || encoded.isBlank()) return empty();
        String[] lines = encoded.split("\n");
        Map<String, Integer> clients = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int tab = lines[i].indexOf('\t');
            if (tab > 0) clients.put(lines[i].substring(tab + 1), Integer.parseInt(lines[i].substring(0, tab)));
        }
        return new VoiceProfile(Integer.parseInt(lines[0].trim()), clients);
    }

    public int posts() {
        return posts;
    }

    /** How many of the learned posts came from this client. */
    public int postsFrom(String client) {
        return client == null ? 0 : clients.getOrDefault(client.toLowerCase(Locale.ROOT), 0);
    }

    public Map<String, Integer> clients() {
        return Collections.unmodifiableMap(clients);
    }

    /** Rebuilds a profile stored earlier. */
    public static VoiceProfile of(int posts, Map<String, Integer> clients) {
        return new VoiceProfile(posts, Map.copyOf(clients));
    }
}

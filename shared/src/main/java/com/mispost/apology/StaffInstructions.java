package com.mispost.apology;

import java.util.List;
import java.util.Set;

/**
 * What staff asked for when redrafting.
 *
 * @param tones    the tones wanted; empty means all three
 * @param include  facts in staff's own words to add ("The post was up for twelve minutes.")
 * @param leaveOut standard facts to leave out
 */
public record StaffInstructions(Set<Tone> tones, List<String> include, Set<Fact> leaveOut) {

    public static final StaffInstructions NONE = new StaffInstructions(Set.of(), List.of(), Set.of());

    public StaffInstructions {
        tones = tones == null ? Set.of() : Set.copyOf(tones);
        include = include == null ? List.of() : include.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        leaveOut = leaveOut == null ? Set.of() : Set.copyOf(leaveOut);
    }

    public boolean wants(Tone tone) {
        return tones.isEmpty() || tones.contains(tone);
    }

    public boolean states(Fact fact) {
        return !leaveOut.contains(fact);
    }
}

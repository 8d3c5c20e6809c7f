package com.mispost.account;

import com.mispost.post.AccountKey;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * A watched business account: what the detector knows of how this account normally posts.
 *
 * @param key             platform and account id
 * @param displayName     the brand's name as staff know it
 * @param timeZone        where its business hours are kept
 * @param opensAt         start of business hours (local time)
 * @param closesAt        end of business hours (local time)
 * @param usualClients    publishing clients the account normally uses
 * @param teamSeats       authors or seats that belong to the social team
 * @param policy          per-account detection policy
 */
public record Account(
        AccountKey key,
        String displayName,
        ZoneId timeZone,
        LocalTime opensAt,
        LocalTime closesAt,
        Set<String> usualClients,
        Set<String> teamSeats,
        AccountPolicy policy) {

    public Account {
        Objects.requireNonNull(key, "key");
        displayName = displayName == null || displayName.isBlank() ? key.accountId() : displayName;
        timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
        opensAt = opensAt == null ? LocalTime.of(8, 0) : opensAt;
        closesAt = closesAt == null ? LocalTime.of(20, 0) : closesAt;
        usualClients = usualClients == null ? Set.of() : Set.copyOf(usualClients);
        teamSeats = teamSeats == null ? Set.of() : Set.copyOf(teamSeats);
        policy = policy == null ? AccountPolicy.DEFAULT : policy;
    }

    /** An account with default hours and policy: enough to watch it. */
    public static Account watched(AccountKey key, String displayName) {
        return new Account(key, displayName, null, null, null, null, null, null);
    }

    public Account withPolicy(AccountPolicy newPolicy) {
        return new Account(key, displayName, timeZone, opensAt, closesAt, usualClients, teamSeats, newPolicy);
    }
}

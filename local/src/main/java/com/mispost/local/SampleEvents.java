package com.mispost.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.mispost.account.Account;
import com.mispost.account.AccountPolicy;
import com.mispost.lambda.StreamImages;
import com.mispost.post.AccountKey;
import com.mispost.post.Platform;
import com.mispost.store.dynamodb.DynamoDbAccountRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/** What the sample events in events/ expect to find in the table. */
public final class SampleEvents {
    private SampleEvents() {
    }

    /**
     * The watched X account the samples post to (publishing through Hootsuite as a rule), and the
     * incident the apology sample announces, stored as its stream image shows it.
     */
    public static void seed(LocalAws aws, Path events) throws IOException {
        new DynamoDbAccountRegistry(aws.dynamo, aws.tableName).save(new Account(
                new AccountKey(Platform.X, "1460000000000000001"), "Larkspur Coffee", ZoneId.of("America/Chicago"),
                LocalTime.of(7, 0), LocalTime.of(19, 0), Set.of("Hootsuite"), Set.of("larkspur.social"),
                AccountPolicy.DEFAULT));
        DynamodbEvent incident = LambdaEventSerializers.serializerFor(DynamodbEvent.class, SampleEvents.class.getClassLoader())
                .fromJson(Files.readString(events.resolve("apology-new-incident.json")));
        aws.dynamo.putItem(p -> p.tableName(aws.tableName).item(StreamImages.newImage(incident.getRecords().get(0))));
    }
}

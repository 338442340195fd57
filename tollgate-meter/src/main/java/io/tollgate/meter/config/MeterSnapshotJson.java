package io.tollgate.meter.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tollgate.meter.Period;
import io.tollgate.model.Json;
import java.io.IOException;

/**
 * A {@link MeterSnapshot} as UTF-8 JSON: how the configuration travels to meters in other processes.
 * The records map field for field; a {@link Period} is its wire code ({@code "day"}), not the enum name,
 * so the document reads like the rest of the API and survives a reordering of the enum.
 */
public final class MeterSnapshotJson {
    private static final ObjectMapper MAPPER = Json.MAPPER.copy().registerModule(new SimpleModule("tollgate-meter-period")
            .addSerializer(Period.class, new PeriodSerializer())
            .addDeserializer(Period.class, new PeriodDeserializer()));

    private MeterSnapshotJson() {
    }

    /** Serializes {@code snapshot}. */
    public static byte[] write(MeterSnapshot snapshot) {
        requireNonNull(snapshot, "snapshot");
        try {
            return MAPPER.writeValueAsBytes(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("meter snapshot version " + snapshot.version()
                    + " cannot be serialized: " + e.getMessage(), e);
        }
    }

    /** Parses a document written by {@link #write}; a malformed one is an {@link IllegalArgumentException}. */
    public static MeterSnapshot read(byte[] json) {
        requireNonNull(json, "json");
        try {
            MeterSnapshot snapshot = MAPPER.readValue(json, MeterSnapshot.class);
            if (snapshot == null) {
                throw new IllegalArgumentException("meter snapshot JSON: null (expected: an object)");
            }
            return snapshot;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("meter snapshot JSON (" + json.length + " bytes) is invalid: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("meter snapshot JSON (" + json.length + " bytes) is unreadable: "
                    + e.getMessage(), e);
        }
    }

    private static final class PeriodSerializer extends JsonSerializer<Period> {
        @Override
        public void serialize(Period value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.code());
        }
    }

    private static final class PeriodDeserializer extends JsonDeserializer<Period> {
        @Override
        public Period deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String code = p.getValueAsString();
            if (code == null) {
                return (Period) ctxt.handleUnexpectedToken(Period.class, p);
            }
            try {
                return Period.fromCode(code);
            } catch (IllegalArgumentException e) {
                return (Period) ctxt.handleWeirdStringValue(Period.class, code, e.getMessage());
            }
        }
    }
}

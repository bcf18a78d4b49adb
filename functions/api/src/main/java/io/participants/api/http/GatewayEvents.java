package io.participants.api.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import io.micronaut.serde.config.annotation.SerdeConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The invocation's JSON as the Lambda runtime hands it over: an HTTP API (payload 2.0) event read, and its response
 * written, by the function's own Micronaut serde mapper, so that no invocation loads the runtime's own serializer (a
 * shaded Jackson with its mix-ins: 825 classes, about 450 ms of a cold start in {@code ./bench --profile}).
 *
 * <p>The mapper is the application's, cloned with two differences the API's bodies do not have: an event's unknown
 * fields are skipped (the gateway adds fields over time, and this service reads only the ones it knows), and a
 * response leaves out its null fields, as the runtime's serializer does.
 */
@SerdeImport(APIGatewayV2HTTPEvent.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Http.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Authorizer.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.IAM.class)
@SerdeImport(APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity.class)
@SerdeImport(APIGatewayV2HTTPResponse.class)
public final class GatewayEvents {

    private final JsonMapper mapper;

    /** From the application's mapper and its serialization and deserialization settings, which it keeps. */
    public GatewayEvents(ObjectMapper applicationMapper, SerializationConfiguration serialization,
                         DeserializationConfiguration deserialization) {
        this.mapper = applicationMapper.cloneWithConfiguration(null, new WithoutNulls(serialization),
                new SkippingUnknown(deserialization));
    }

    /** The event of an invocation; an {@link IOException} for input that is not one. */
    public APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        APIGatewayV2HTTPEvent event = mapper.readValue(input, APIGatewayV2HTTPEvent.class);
        if (event == null) {
            throw new IOException("The invocation holds no event");
        }
        return event;
    }

    public void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        mapper.writeValue(output, response);
    }

    /** The event of an invocation as bytes, for priming, which hands its synthetic events in as Lambda would. */
    public byte[] bytes(APIGatewayV2HTTPEvent event) throws IOException {
        return mapper.writeValueAsBytes(event);
    }

    /** A response read back, for priming and tests. */
    public APIGatewayV2HTTPResponse response(byte[] json) throws IOException {
        return mapper.readValue(json, APIGatewayV2HTTPResponse.class);
    }

    private record WithoutNulls(SerializationConfiguration application) implements SerializationConfiguration {
        @Override
        public SerdeConfig.SerInclude getInclusion() {
            return SerdeConfig.SerInclude.NON_NULL;
        }

        @Override
        public boolean isAlwaysSerializeErrorsAsList() {
            return application.isAlwaysSerializeErrorsAsList();
        }

        @Override
        public boolean sortPropertiesAlphabetically() {
            return application.sortPropertiesAlphabetically();
        }
    }

    private record SkippingUnknown(DeserializationConfiguration application) implements DeserializationConfiguration {
        @Override
        public boolean isIgnoreUnknown() {
            return true;
        }

        @Override
        public int getArraySizeThreshold() {
            return application.getArraySizeThreshold();
        }

        @Override
        public boolean isStrictNullable() {
            return application.isStrictNullable();
        }

        @Override
        public boolean isFailOnNullForPrimitives() {
            return application.isFailOnNullForPrimitives();
        }

        @Override
        public boolean isSubtypesRequireDefaultImpl() {
            return application.isSubtypesRequireDefaultImpl();
        }

        @Override
        public boolean acceptCaseInsensitiveEnums() {
            return application.acceptCaseInsensitiveEnums();
        }
    }
}

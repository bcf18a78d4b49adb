package io.participants.infra;

import io.participants.api.FunctionCatalog;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole service in one environment-agnostic stack, built from one construct per concern: the data table, the
 * avatar bucket, the secrets, the HTTP API with its JWT authorizer, one Lambda per deployable of
 * {@link FunctionCatalog}, the change events (a bus and the stream publisher), the avatars' automatic refresh, and the alarms and dashboard that
 * watch them. Deployment choices come from CDK context ({@link Settings}).
 *
 * <p>Order matters for references, not for CloudFormation: the functions' OAuth redirect URI is built from the API's
 * id (the HttpApi resource only), and the routes reference the functions' aliases, so there is no cycle.
 */
public final class ParticipantsStack extends Stack {

    /** The CDK feature flag that grants log delivery through the log bucket's policy (set for this stack). */
    public static final String S3_ACCESS_LOGS_BY_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    private final DataStore data;
    private final AvatarStorage avatars;
    private final Secrets secrets;
    private final Api api;
    private final Functions functions;
    private final Monitoring monitoring;
    private final ChangeEvents changeEvents;
    private final AvatarRefresh avatarRefresh;
    private final CfnOutput apiUrl;

    public ParticipantsStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        // S3 server access logs delivered under a bucket policy, not the LogDelivery ACL: the buckets have no ACLs
        getNode().setContext(S3_ACCESS_LOGS_BY_POLICY, true);
        Settings settings = Settings.fromContext(getNode());
        data = new DataStore(this, "Data", new DataStore.Props(true));
        avatars = new AvatarStorage(this, "Avatars", new AvatarStorage.Props(true));
        secrets = new Secrets(this, "Secrets", new Secrets.Props(settings.secretsPrefix()));
        api = new Api(this, "Api", new Api.Props(settings.jwtIssuer(), settings.jwtAudience(),
                settings.throttleBurst(), settings.throttleRate()));
        functions = new Functions(this, "Functions", new Functions.Props(settings.lambdaZip(), data.table(),
                avatars.bucket(), secrets, settings.secretsPrefix(), settings.tenantClaim(), api.endpoint()));
        api.addRoutes(FunctionCatalog.FUNCTIONS, functions::aliasOf);
        changeEvents = new ChangeEvents(this, "ChangeEvents", new ChangeEvents.Props(settings.changeEventsZip(),
                data.table()));
        avatarRefresh = new AvatarRefresh(this, "AvatarRefresh", new AvatarRefresh.Props(settings.lambdaZip(),
                data.table(), avatars.bucket(), new AvatarRefresh.SecretsInUse(secrets, settings.secretsPrefix()),
                changeEvents.bus()));
        Map<String, software.amazon.awscdk.Duration> timeouts = new LinkedHashMap<>();
        functions.functions().keySet().forEach(d -> timeouts.put(d, Functions.timeoutOf(d)));
        monitoring = new Monitoring(this, "Monitoring", new Monitoring.Props(functions.functions(), timeouts,
                api.stage(), data.table(), settings.alarmEmail(), settings.accountConcurrencyLimit(),
                settings.apiLatencyP99Ms()));
        monitoring.watchChangeEvents(changeEvents.publisher(), changeEvents.failures());
        monitoring.watchAvatarRefresh(avatarRefresh);

        apiUrl = CfnOutput.Builder.create(this, "ApiUrl").description("The API's base URL")
                .value(api.endpoint()).build();
        CfnOutput.Builder.create(this, "TableName").description("The DynamoDB table")
                .value(data.table().getTableName()).build();
        CfnOutput.Builder.create(this, "AvatarBucketName").description("The avatar bucket")
                .value(avatars.bucket().getBucketName()).build();
        CfnOutput.Builder.create(this, "ChangeEventBusName").description("The bus of the change events")
                .value(changeEvents.bus().getEventBusName()).build();
        CfnOutput.Builder.create(this, "ChangeEventBusArn").description("The bus of the change events, for rules")
                .value(changeEvents.bus().getEventBusArn()).build();
    }

    public DataStore data() {
        return data;
    }

    public AvatarStorage avatars() {
        return avatars;
    }

    public Secrets secrets() {
        return secrets;
    }

    public Api api() {
        return api;
    }

    public Functions functions() {
        return functions;
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    public ChangeEvents changeEvents() {
        return changeEvents;
    }

    public AvatarRefresh avatarRefresh() {
        return avatarRefresh;
    }

    /** The output naming the API's base URL. */
    public CfnOutput apiUrl() {
        return apiUrl;
    }
}

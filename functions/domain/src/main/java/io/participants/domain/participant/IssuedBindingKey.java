package io.participants.domain.participant;

/**
 * A per-binding activation's key and shared secret as just made: the only moment they exist in full. The answer
 * that made them shows them once; only {@link #stored()} is written.
 */
public record IssuedBindingKey(BindingKey stored, String webhookKey, String clientState) {

    @Override
    public String toString() {
        return "IssuedBindingKey[" + stored + ", webhookKey=***, clientState=***]";
    }
}

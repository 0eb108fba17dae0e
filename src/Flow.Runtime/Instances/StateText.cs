namespace Flow.Instances;

/// <summary>
/// What <see cref="StoredInstance.StateJson"/> reads: the text itself, or a <see cref="LiveState"/>
/// that writes it when first asked. Equal when the texts are, so stored instances compare as before.
/// </summary>
internal abstract class StateText
{
    private static readonly StateText Empty = new Fixed("");

    /// <summary>The state as JSON.</summary>
    public abstract string Json { get; }

    public static StateText Of(string json) => json is { Length: 0 } ? Empty : new Fixed(json);

    public override bool Equals(object? obj) => obj is StateText other && (ReferenceEquals(this, other) || string.Equals(Json, other.Json, System.StringComparison.Ordinal));

    public override int GetHashCode() => Json?.GetHashCode(System.StringComparison.Ordinal) ?? 0;

    private sealed class Fixed(string json) : StateText
    {
        public override string Json => json;
    }
}

using Flow.Instances;
using Flow.Tests.Shared;

namespace Flow.Execution.Tests.Hostile;

/// <summary><see cref="StoredKeyContract"/> over the in-memory store: the same limit as the durable stores.</summary>
public sealed class InMemoryStoredKeyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flow-keys-").FullName;

    [Fact]
    public Task Keys_over_the_limit_are_FLOW6325_before_anything_is_stored() =>
        StoredKeyContract.RefusesKeysOverTheLimitBeforeStoringAsync(new InMemoryInstanceStore(), _root);

    [Fact]
    public Task Keys_at_the_limit_and_with_control_characters_are_stored_and_matched_exactly() =>
        StoredKeyContract.StoresAndMatchesKeysAtTheLimitAndWithControlCharactersAsync(new InMemoryInstanceStore(), _root);

    [Fact]
    public Task Unstorable_keys_are_FLOW6326_and_hostile_correlations_are_refused() =>
        StoredKeyContract.RefusesUnstorableKeysAndHostileCorrelationsAsync(new InMemoryInstanceStore(), _root);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

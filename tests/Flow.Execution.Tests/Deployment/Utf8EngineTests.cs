using Flow.Instances;
using Flow.Tests.Shared;

namespace Flow.Execution.Tests.Deployment;

/// <summary><see cref="Utf8EngineContract"/> over the in-memory store (live states: the bytes go straight into the data objects).</summary>
public sealed class Utf8EngineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flow-utf8-" + Guid.NewGuid().ToString("N"));

    public Utf8EngineTests() => Directory.CreateDirectory(_root);

    [Fact]
    public Task Start_data_as_bytes_an_element_or_a_typed_value_reads_as_the_text_does() =>
        Utf8EngineContract.StartsFromEveryFormAsTheTextDoesAsync(new InMemoryInstanceStore(), _root);

    [Fact]
    public Task Start_data_refused_as_text_is_refused_in_every_form_and_nothing_is_stored() =>
        Utf8EngineContract.RefusesStartDataAsTheTextDoesAsync(new InMemoryInstanceStore(), _root);

    [Fact]
    public Task Outputs_as_bytes_an_element_or_a_typed_value_complete_as_the_text_does() =>
        Utf8EngineContract.CompletesFromEveryFormAsTheTextDoesAsync(new InMemoryInstanceStore(), _root);

    [Fact]
    public Task Outputs_refused_as_text_are_refused_in_every_form_and_nothing_changes() =>
        Utf8EngineContract.RefusesOutputsAsTheTextDoesAsync(new InMemoryInstanceStore(), _root);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

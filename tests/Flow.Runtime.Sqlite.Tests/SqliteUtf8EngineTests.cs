using Flow.Tests.Shared;

namespace Flow.Runtime.Sqlite.Tests;

/// <summary><see cref="Utf8EngineContract"/> over a SQLite file (the data goes to the store as JSON and is read back from it).</summary>
public sealed class SqliteUtf8EngineTests
{
    [Fact]
    public async Task Start_data_as_bytes_an_element_or_a_typed_value_reads_as_the_text_does()
    {
        using var db = new TempDatabase();
        await Utf8EngineContract.StartsFromEveryFormAsTheTextDoesAsync(db.Open(), db.Folder);
    }

    [Fact]
    public async Task Start_data_refused_as_text_is_refused_in_every_form_and_nothing_is_stored()
    {
        using var db = new TempDatabase();
        await Utf8EngineContract.RefusesStartDataAsTheTextDoesAsync(db.Open(), db.Folder);
    }

    [Fact]
    public async Task Outputs_as_bytes_an_element_or_a_typed_value_complete_as_the_text_does()
    {
        using var db = new TempDatabase();
        await Utf8EngineContract.CompletesFromEveryFormAsTheTextDoesAsync(db.Open(), db.Folder);
    }

    [Fact]
    public async Task Outputs_refused_as_text_are_refused_in_every_form_and_nothing_changes()
    {
        using var db = new TempDatabase();
        await Utf8EngineContract.RefusesOutputsAsTheTextDoesAsync(db.Open(), db.Folder);
    }
}

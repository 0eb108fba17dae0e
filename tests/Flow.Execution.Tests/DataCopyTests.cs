using System.Text.Json;

namespace Flow.Execution.Tests;

/// <summary>How the in-memory store copies process data (issue 11): member by member only when that equals a JSON round trip.</summary>
public class DataCopyTests
{
    public sealed class Plain
    {
        public decimal Amount { get; set; }

        public string Customer { get; set; } = "";

        public bool Approved { get; set; }
    }

    public sealed class WithList
    {
        public List<string> Marks { get; set; } = new();
    }

    public sealed class WithUnsaved
    {
        public string Saved { get; set; } = "";

        public string Unsaved { get; set; } = "";
    }

    [Fact]
    public void Data_of_immutable_saved_members_is_copied_member_by_member()
    {
        var data = new Plain { Amount = 1.50m, Customer = "ann", Approved = true };

        var copy = DataCopy<Plain>.For(new PlainJson(), data)(data);

        Assert.NotSame(data, copy);
        Assert.Equal((1.50m, "ann", true), (copy.Amount, copy.Customer, copy.Approved));
        Assert.Equal(0, PlainJson.Reads);   // never read back from JSON
    }

    [Fact]
    public void Data_with_a_list_is_copied_through_its_json_and_shares_nothing()
    {
        var data = new WithList { Marks = { "a" } };

        var copy = DataCopy<WithList>.For(ReflectionDataJson<WithList>.Instance, data)(data);
        copy.Marks.Add("b");

        Assert.Equal(new[] { "a" }, data.Marks);
        Assert.Equal(new[] { "a", "b" }, copy.Marks);
    }

    [Fact]
    public void A_member_the_json_leaves_out_is_left_out_of_the_copy_too()
    {
        var data = new WithUnsaved { Saved = "s", Unsaved = "u" };

        var copy = DataCopy<WithUnsaved>.For(new SavedOnlyJson(), data)(data);

        Assert.Equal("s", copy.Saved);
        Assert.Equal("", copy.Unsaved);
    }

    private sealed class PlainJson : DataJson<Plain>
    {
        public static int Reads;

        public override void Write(Utf8JsonWriter writer, Plain data)
        {
            writer.WriteStartObject();
            writer.WriteNumber("Amount", data.Amount);
            writer.WriteString("Customer", data.Customer);
            writer.WriteBoolean("Approved", data.Approved);
            writer.WriteEndObject();
        }

        public override Plain Read(ref Utf8JsonReader reader)
        {
            Interlocked.Increment(ref Reads);
            reader.Skip();
            return new Plain();
        }

        public override Action<Plain>? ReadOutput(ref Utf8JsonReader reader, string name) => null;
    }

    private sealed class SavedOnlyJson : DataJson<WithUnsaved>
    {
        public override void Write(Utf8JsonWriter writer, WithUnsaved data)
        {
            writer.WriteStartObject();
            writer.WriteString("Saved", data.Saved);
            writer.WriteEndObject();
        }

        public override WithUnsaved Read(ref Utf8JsonReader reader)
        {
            var data = new WithUnsaved();
            while (JsonValues.NextMember(ref reader))
            {
                reader.Read();
                data.Saved = reader.GetString()!;
            }

            return data;
        }

        public override Action<WithUnsaved>? ReadOutput(ref Utf8JsonReader reader, string name) => null;
    }
}

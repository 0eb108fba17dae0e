using Flow.Compiler.Text;

namespace Flow.Compiler.Tests.Text;

public class EquatableArrayTests
{
    /// <summary>Counts item comparisons, to see whether equality walked the items.</summary>
    private sealed class Counted(int value) : IEquatable<Counted>
    {
        public static int Comparisons { get; set; }

        public bool Equals(Counted? other)
        {
            Comparisons++;
            return other is not null && other.Value == Value;
        }

        public override bool Equals(object? obj) => Equals(obj as Counted);

        public override int GetHashCode() => Value;

        private int Value { get; } = value;
    }

    [Fact]
    public void An_array_equals_itself_without_comparing_its_items()
    {
        // The generator driver compares every cached value with itself on every run (Collect
        // does, over all files): that must not cost a walk over each file's items.
        var array = Enumerable.Range(0, 1000).Select(i => new Counted(i)).ToEquatableArray();
        var copy = array;
        Counted.Comparisons = 0;

        Assert.True(array.Equals(copy));
        Assert.True(array == copy);
        Assert.Equal(0, Counted.Comparisons);
    }

    [Fact]
    public void Different_arrays_are_still_compared_item_by_item()
    {
        var a = new[] { new Counted(1), new Counted(2) }.ToEquatableArray();
        var same = new[] { new Counted(1), new Counted(2) }.ToEquatableArray();
        var other = new[] { new Counted(1), new Counted(3) }.ToEquatableArray();

        Assert.True(a.Equals(same));
        Assert.False(a.Equals(other));
        Assert.True(default(EquatableArray<Counted>).Equals(EquatableArray<Counted>.Empty));
        Assert.False(a.Equals(default));
    }
}

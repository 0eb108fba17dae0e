using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;

namespace Flow;

/// <summary>
/// What generated code calls for a multi-instance over a collection: its count, an element by
/// index and storing an element's result. Lists and arrays answer by index in O(1); another
/// enumerable is walked each time, so give a multi-instance over many elements a list or array.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LoopCollections
{
    /// <summary>How many elements <paramref name="collection"/> has (0 for null: the activity is passed).</summary>
    public static int Count<T>(IEnumerable<T>? collection) => collection switch
    {
        null => 0,
        ICollection<T> c => c.Count,
        IReadOnlyCollection<T> c => c.Count,
        _ => collection.Count(),
    };

    /// <summary>The element at <paramref name="index"/> (the element's loopCounter).</summary>
    public static T ElementAt<T>(IEnumerable<T>? collection, int index) => collection switch
    {
        null => throw new InvalidOperationException($"The multi-instance collection is null; element {index} cannot be read."),
        IList<T> list => list[index],
        IReadOnlyList<T> list => list[index],
        _ => collection.ElementAt(index),
    };

    /// <summary>Stores <paramref name="value"/> at <paramref name="index"/> of <paramref name="results"/> (made or grown as needed, gaps hold default values) and returns the list.</summary>
    public static List<T> Store<T>(List<T>? results, int index, T value)
    {
        results ??= new List<T>();
        while (results.Count <= index)
        {
            results.Add(default!);
        }

        results[index] = value;
        return results;
    }
}

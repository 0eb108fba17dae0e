using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Flow.Compiler.Planning;

/// <summary>
/// The input parameters of an activity are the properties of a generated class (<c>ChargeInputs</c>):
/// an input named like that class would be C# error CS0542, so the class takes the next name
/// (<c>ChargeInputs_2</c>), as names the planner makes do when taken; an input named like a method
/// every class has would hide it (CS0108), which the rules refuse (FLOW1242).
/// </summary>
internal static class InputsClassNames
{
    /// <summary>The methods of <see cref="object"/> a property of the inputs class would hide (C# warns for these; Finalize it does not).</summary>
    private static readonly HashSet<string> ObjectMembers = new(System.StringComparer.Ordinal)
    {
        "ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals",
    };

    public static bool HidesObjectMember(string inputName) => ObjectMembers.Contains(inputName);

    /// <summary><paramref name="className"/>, or the first of className_2, className_3, … that no input is named.</summary>
    public static string Unlike(string className, IEnumerable<ParameterPlan> inputs)
    {
        var names = new HashSet<string>(inputs.Select(i => i.Name.TrimStart('@')), System.StringComparer.Ordinal);
        if (!names.Contains(className))
        {
            return className;
        }

        for (var n = 2; ; n++)
        {
            var candidate = className + "_" + n.ToString(CultureInfo.InvariantCulture);
            if (!names.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}

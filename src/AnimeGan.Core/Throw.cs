using System.Runtime.CompilerServices;

namespace AnimeGan.Core
{
    /// <summary>Argument guards, so every public entry point checks its inputs the same way.</summary>
    internal static class Throw
    {
        public static T IfNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
            where T : class
            => value ?? throw new ArgumentNullException(name);

        public static string IfNullOrEmpty(string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        {
            if (string.IsNullOrEmpty(value))
                throw new ArgumentException("Value cannot be null or empty.", name);
            return value!;
        }

        public static double IfOutOfRange(double value, double min, double max, [CallerArgumentExpression(nameof(value))] string? name = null)
        {
            if (double.IsNaN(value) || value < min || value > max)
                throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");
            return value;
        }

        public static int IfOutOfRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? name = null)
        {
            if (value < min || value > max)
                throw new ArgumentOutOfRangeException(name, value, $"Must be between {min} and {max}.");
            return value;
        }
    }
}

namespace AnimeGan.Core.Exceptions
{
    /// <summary>Turns library error messages into the short reason shown after "file:".</summary>
    internal static class ErrorText
    {
        /// <summary>The first line of a message, trimmed; libraries append stack-like detail after it.</summary>
        public static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return (end < 0 ? message : message.Substring(0, end)).Trim();
        }
    }
}

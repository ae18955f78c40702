namespace PaintDotNet.Effects
{
    public static class SubmenuNames
    {
        public static string Artistic => "Artistic";

        public static string Photo => "Photo";

        public static string Stylize => "Stylize";
    }
}

namespace AnimeGan.Core.Imaging
{
    /// <summary>
    /// Photo-like scenes drawn from a seed: sky, hills with texture, coloured shapes from black to white, foliage, wires, a face, sensor noise. They give
    /// the engine pictures of its own for checking an optimized graph and calibrating INT8 activation ranges, and
    /// front ends a sample to show each style on, so none of them needs photos shipped with the toolkit (none can
    /// be, under the models' or anyone's licence here).
    /// </summary>
    public static class SyntheticPictures
    {
        /// <summary>Draws scene number <paramref name="seed"/> at the given size; the same seed gives the same pixels.</summary>
        public static PixelImage Scene(int seed, int width, int height)
        {
            var random = new Random(seed);
            var rgb = new byte[width * height * 3];
            var skyTop = RandomColour(random, 60, 200);
            var skyBottom = RandomColour(random, 150, 255);
            var ground = RandomColour(random, 40, 160);
            var horizon = height * (0.45 + (random.NextDouble() * 0.25));
            var waves = 2 + random.Next(5);
            var shapes = new (double X, double Y, double Rx, double Ry, (int R, int G, int B) Colour)[4 + random.Next(5)];
            for (var i = 0; i < shapes.Length; i++)
            {
                shapes[i] = (random.NextDouble() * width, random.NextDouble() * height,
                    width * (0.03 + (random.NextDouble() * 0.15)), height * (0.03 + (random.NextDouble() * 0.2)), RandomColour(random, 0, 256));
            }

            var foliage = (X: random.NextDouble() * width * 0.6, Y: height * 0.4, W: width * (0.2 + (random.NextDouble() * 0.3)), H: height * (0.2 + (random.NextDouble() * 0.3)));
            var wire = (Y: height * random.NextDouble() * 0.4, Slope: (random.NextDouble() - 0.5) * 0.4);
            var hasFace = seed % 2 == 0;
            var face = (X: width * (0.3 + (random.NextDouble() * 0.4)), Y: height * (0.35 + (random.NextDouble() * 0.2)), R: Math.Min(width, height) * (0.12 + (random.NextDouble() * 0.12)));
            var skin = (R: 200 + random.Next(50), G: 150 + random.Next(50), B: 120 + random.Next(50));
            for (var y = 0; y < height; y++)
            {
                var t = (double)y / height;
                for (var x = 0; x < width; x++)
                {
                    double r = Mix(skyTop.R, skyBottom.R, t), g = Mix(skyTop.G, skyBottom.G, t), b = Mix(skyTop.B, skyBottom.B, t);
                    var hill = horizon + (height * 0.05 * Math.Sin(x * waves * Math.PI / width)) + (height * 0.01 * Math.Sin(x / 7.0));
                    if (y > hill)
                    {
                        var texture = 18 * Math.Sin(x * 0.9) * Math.Sin(y * 1.3);
                        var depth = (y - hill) / (height - hill + 1);
                        r = (ground.R * (0.6 + (0.4 * depth))) + texture;
                        g = (ground.G * (0.6 + (0.4 * depth))) + texture;
                        b = (ground.B * (0.6 + (0.4 * depth))) + texture;
                    }

                    foreach (var shape in shapes)
                    {
                        var dx = (x - shape.X) / shape.Rx;
                        var dy = (y - shape.Y) / shape.Ry;
                        var inside = 1 - ((dx * dx) + (dy * dy));
                        if (inside <= 0)
                            continue;
                        var a = Math.Min(1, inside * 8);
                        r = Mix(r, shape.Colour.R * (0.75 + (0.25 * inside)), a);
                        g = Mix(g, shape.Colour.G * (0.75 + (0.25 * inside)), a);
                        b = Mix(b, shape.Colour.B * (0.75 + (0.25 * inside)), a);
                    }

                    if (hasFace)
                        (r, g, b) = Face(x, y, face, skin, (r, g, b));

                    // Foliage: fine, high-contrast texture, as leaves, grass and hair give real photos.
                    if (x > foliage.X && x < foliage.X + foliage.W && y > foliage.Y && y < foliage.Y + foliage.H)
                    {
                        var leaf = Math.Sin((x * 1.7) + (3 * Math.Sin(y * 0.9))) * Math.Cos((y * 2.3) + (2 * Math.Sin(x * 0.7)));
                        var light = leaf > 0.2 ? 230 : leaf < -0.4 ? 10 : 90;
                        (r, g, b) = (light * 0.55, light, light * 0.35);
                    }

                    // Wires and branches: thin dark lines against the sky.
                    if (Math.Abs(y - (wire.Y + (wire.Slope * x))) < 1.2)
                        (r, g, b) = (12, 10, 8);

                    var noise = (random.NextDouble() - 0.5) * 10;
                    var i = ((y * width) + x) * 3;
                    rgb[i] = Clamp(r + noise);
                    rgb[i + 1] = Clamp(g + noise);
                    rgb[i + 2] = Clamp(b + noise);
                }
            }

            return new PixelImage(width, height, rgb);
        }

        private static (double R, double G, double B) Face(int x, int y, (double X, double Y, double R) face, (int R, int G, int B) skin, (double R, double G, double B) behind)
        {
            var dx = (x - face.X) / (face.R * 0.8);
            var dy = (y - face.Y) / face.R;
            var d = (dx * dx) + (dy * dy);
            if (d >= 1)
                return behind;
            var shade = 1 - (0.25 * d);
            (double R, double G, double B) colour = (skin.R * shade, skin.G * shade, skin.B * shade);
            foreach (var side in new[] { -1, 1 })
            {
                var ex = (x - (face.X + (side * face.R * 0.32))) / (face.R * 0.12);
                var ey = (y - (face.Y - (face.R * 0.15))) / (face.R * 0.07);
                if ((ex * ex) + (ey * ey) < 1)
                    colour = (40, 30, 30);
            }

            var mx = (x - face.X) / (face.R * 0.3);
            var my = (y - (face.Y + (face.R * 0.45))) / (face.R * 0.06);
            if ((mx * mx) + (my * my) < 1)
                colour = (150, 60, 60);
            return colour;
        }

        private static (int R, int G, int B) RandomColour(Random random, int low, int high)
            => (random.Next(low, high), random.Next(low, high), random.Next(low, high));

        private static double Mix(double a, double b, double t) => a + ((b - a) * t);

        private static byte Clamp(double value) => (byte)Math.Max(0, Math.Min(255, Math.Round(value)));
    }
}

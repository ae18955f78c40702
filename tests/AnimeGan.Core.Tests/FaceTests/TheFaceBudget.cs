namespace AnimeGan.Core.Tests.FaceTests
{
    /// <summary>A crowd costs at most <see cref="AnimeGanEngine.MaxEnhancedFaces"/> face runs, and the result says how many were left.</summary>
    public class TheFaceBudget
    {
        [Fact]
        public void ShouldEnhanceOnlyTheLargestFacesOfACrowdAndCountTheRest()
        {
            var crowd = Crowd(out var largeTiles);

            var result = TestModels.Engine.Stylize(crowd, new StylizeOptions { Faces = true });

            Assert.Equal(AnimeGanEngine.MaxEnhancedFaces, result.Faces.Count);
            Assert.True(result.FacesNotEnhanced >= 60, $"only {result.FacesNotEnhanced} faces were left over; the crowd has 108");
            // The enhanced ones are the large faces of the first row, not the first found.
            Assert.All(result.Faces, f => Assert.True(f.Box.Y < largeTiles, $"a small face at y {f.Box.Y} was enhanced before a large one"));
        }

        [Fact]
        public void ShouldCountNoFaceLeftOverOnAPortrait()
        {
            var photo = ImageDecoder.Read(Path.Combine(TestFiles.Portraits, "3.jpg")).Pixels;

            var result = TestModels.Engine.Stylize(photo, new StylizeOptions { MaxSize = 512, Faces = true });

            Assert.Equal(6, result.Faces.Count);
            Assert.Equal(0, result.FacesNotEnhanced);
        }

        /// <summary>
        /// A 2000 x 2000 picture of 108 faces: the face of portrait 0.jpg cut out and tiled, its top two rows of
        /// 20 tiles larger (200 px) than the 88 below them (180 px), so which faces are largest is known.
        /// </summary>
        private static PixelImage Crowd(out int largeTiles)
        {
            var photo = ImageDecoder.Read(Path.Combine(TestFiles.Portraits, "0.jpg")).Pixels;
            var face = Assert.Single(TestModels.Engine.DetectFaces(photo)).Box;
            var side = (int)(Math.Max(face.Width, face.Height) * 1.6f);
            var left = Math.Clamp((int)(face.X + (face.Width / 2) - (side / 2)), 0, photo.Width - side);
            var top = Math.Clamp((int)(face.Y + (face.Height / 2) - (side / 2)), 0, photo.Height - side);
            var cut = new byte[side * side * 3];
            for (var y = 0; y < side; y++)
                Array.Copy(photo.Rgb, (((top + y) * photo.Width) + left) * 3, cut, y * side * 3, side * 3);

            const int width = 2000, height = 2000;
            var rgb = new byte[width * height * 3];
            largeTiles = 2 * (200 + 10);
            Tile(rgb, width, Resampler.Resize(cut, side, side, 200, 200), 200, 0, 10, 2);
            Tile(rgb, width, Resampler.Resize(cut, side, side, 180, 180), 180, largeTiles, 11, 8);
            return new PixelImage(width, height, rgb);
        }

        private static void Tile(byte[] rgb, int width, byte[] tile, int side, int top, int columns, int rows)
        {
            var step = width / columns;
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < columns; column++)
                {
                    for (var y = 0; y < side; y++)
                        Array.Copy(tile, y * side * 3, rgb, (((top + (row * (side + 10)) + y) * width) + (column * step)) * 3, side * 3);
                }
            }
        }
    }
}

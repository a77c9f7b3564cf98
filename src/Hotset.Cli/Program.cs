Console.WriteLine("hotset");
return 0;

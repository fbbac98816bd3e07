window.siteLessons=[["goroutines.html","Goroutines"],["channels.html","Channels"],["more/select.html","Select"]];

window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1700000000000000000",
      "full_text": "@traveller_jo Sorry to hear your bag is delayed. Please DM us your booking reference and we'll chase it. ^RB",
      "created_at": "Mon Jan 05 09:10:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000001",
      "full_text": "@sam_k Thanks for flying with us, Sam! Your upgrade request is with the team now. ^LT",
      "created_at": "Tue Jan 06 09:11:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000002",
      "full_text": "@pdx_priya We're sorry about the wait at the desk. Could you DM us your flight number? ^RB",
      "created_at": "Wed Jan 07 09:12:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000003",
      "full_text": "RT @BlueHeronAir: Our winter timetable is live, with new routes to Porto and Split.",
      "created_at": "Thu Jan 08 09:13:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000004",
      "full_text": "@mikeh Glad to hear the crew looked after you! We'll pass your kind words on. ^AN",
      "created_at": "Fri Jan 09 09:14:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000005",
      "full_text": "@ellie_b You can change your seat in the app under Manage Booking. Let us know how it goes. ^LT",
      "created_at": "Sat Jan 10 09:15:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000006",
      "full_text": "@c_ortiz We understand. Please send us a DM with your reference and we'll look into the refund. ^AN",
      "created_at": "Sun Jan 11 09:16:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "1700000000000000007",
      "full_text": "@dee_m Our lounge in Terminal 2 opens at 05:00. Enjoy your trip! ^RB",
      "created_at": "Mon Jan 12 09:17:00 +0000 2026",
      "source": "<a href=\"https://www.sprinklr.com\" rel=\"nofollow\">Sprinklr</a>",
      "retweeted": false,
      "lang": "en"
    }
  }
]
